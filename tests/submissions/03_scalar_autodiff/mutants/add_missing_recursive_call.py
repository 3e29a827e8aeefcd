"""__add__'s backward updates its inputs but never calls their backward, so the gradient
stops one step below the output."""

LOSES = ["test_scalar_add"]

# %% scalar_add
class Scalar:
    def __init__(self, val):
        self.val = val
        self.grad = 0.0
        self.backward = lambda: None

    def __add__(self, other):
        result = Scalar(self.val + other.val)

        def backward():
            self.grad += result.grad
            other.grad += result.grad

        result.backward = backward
        return result

    def __mul__(self, other):
        return Scalar(self.val * other.val)
