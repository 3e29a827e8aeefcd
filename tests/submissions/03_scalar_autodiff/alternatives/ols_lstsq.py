"""w_ols from torch.linalg.lstsq, a (1, 1) tensor."""

LOSES = []

# %% ols
w_ols = torch.linalg.lstsq(ptX[:, None], pty[:, None]).solution
