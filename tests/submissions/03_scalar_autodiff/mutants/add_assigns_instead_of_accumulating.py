"""__add__'s backward uses = instead of +=, so a number used twice keeps only one share."""

LOSES = ["test_scalar_add"]
VISIBLE = True

# %% scalar_add
class Scalar:
    def __init__(self, val):
        self.val = val
        self.grad = 0.0
        self.backward = lambda: None

    def __add__(self, other):
        result = Scalar(self.val + other.val)

        def backward():
            self.grad = result.grad
            other.grad = result.grad
            self.backward()
            other.backward()

        result.backward = backward
        return result

    def __mul__(self, other):
        return Scalar(self.val * other.val)
