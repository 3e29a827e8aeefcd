"""__mul__'s backward forgets to call its inputs' backward: in training no gradient reaches w
(the loss ends in a product), so w never moves and the loss stays flat."""

LOSES = ["test_scalar_mul", "test_train"]
VISIBLE = True

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
            self.grad += other.val * result.grad
            other.grad += self.val * result.grad

        result.backward = backward
        return result
