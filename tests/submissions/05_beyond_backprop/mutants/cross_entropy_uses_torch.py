"""cross_entropy calls torch.nn.functional.cross_entropy instead of writing it."""

LOSES = ["test_cross_entropy", "test_cross_entropy_stable"]

# %% cross_entropy
def cross_entropy(logits, targets):
    return torch.nn.functional.cross_entropy(logits, targets)


def cross_entropy_grad(logits, targets):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    probs = torch.exp(shifted)
    probs = probs / probs.sum(dim=1, keepdim=True)
    probs[torch.arange(len(targets)), targets] -= 1
    return probs / len(targets)
