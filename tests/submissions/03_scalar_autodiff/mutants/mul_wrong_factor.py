"""__mul__'s backward multiplies by each input's own value instead of the other input's."""

LOSES = ["test_scalar_mul", "test_train", "test_train_history"]

# %% scalar_mul
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
            self.backward()
            other.backward()

        result.backward = backward
        return result

    def __mul__(self, other):
        result = Scalar(self.val * other.val)

        def backward():
            self.grad += self.val * result.grad
            other.grad += other.val * result.grad
            self.backward()
            other.backward()

        result.backward = backward
        return result
