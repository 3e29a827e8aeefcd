"""cross_entropy_grad forgets the 1/n of the mean: softmax - one_hot."""

LOSES = ["test_cross_entropy_grad", "test_cross_entropy_stable"]
VISIBLE = True

# %% cross_entropy
def cross_entropy(logits, targets):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    log_norm = torch.log(torch.exp(shifted).sum(dim=1))
    return (log_norm - shifted[torch.arange(len(targets)), targets]).mean()


def cross_entropy_grad(logits, targets):
    shifted = logits - logits.max(dim=1, keepdim=True).values
    probs = torch.exp(shifted)
    probs = probs / probs.sum(dim=1, keepdim=True)
    probs[torch.arange(len(targets)), targets] -= 1
    return probs
