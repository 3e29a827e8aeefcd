"""cross_entropy and its gradient take exp of the raw logits: inf and nan near +-1000, right elsewhere."""

LOSES = ["test_cross_entropy_stable"]
VISIBLE = True

# %% cross_entropy
def cross_entropy(logits, targets):
    log_norm = torch.log(torch.exp(logits).sum(dim=1))
    return (log_norm - logits[torch.arange(len(targets)), targets]).mean()


def cross_entropy_grad(logits, targets):
    probs = torch.exp(logits)
    probs = probs / probs.sum(dim=1, keepdim=True)
    probs[torch.arange(len(targets)), targets] -= 1
    return probs / len(targets)
