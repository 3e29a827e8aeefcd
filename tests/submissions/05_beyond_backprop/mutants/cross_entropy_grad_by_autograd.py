"""cross_entropy_grad asks autograd for the gradient of cross_entropy instead of the formula."""

LOSES = ["test_cross_entropy_grad"]

# %% cross_entropy
def cross_entropy(logits, targets):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    log_norm = torch.log(torch.exp(shifted).sum(dim=1))
    return (log_norm - shifted[torch.arange(len(targets)), targets]).mean()


def cross_entropy_grad(logits, targets):
    leaf = logits.detach().clone().requires_grad_(True)
    cross_entropy(leaf, targets).backward()
    return leaf.grad
