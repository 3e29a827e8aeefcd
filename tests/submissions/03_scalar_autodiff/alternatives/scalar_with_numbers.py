"""A richer Scalar that also takes plain numbers (with __radd__, __rmul__ and __sub__), and a
loss written with them."""

LOSES = []

# %% scalar_mul
class Scalar:
    def __init__(self, val):
        self.val = val
        self.grad = 0.0
        self.backward = lambda: None

    @staticmethod
    def wrap(value):
        return value if isinstance(value, Scalar) else Scalar(value)

    def __add__(self, other):
        other = Scalar.wrap(other)
        result = Scalar(self.val + other.val)

        def backward():
            self.grad += result.grad
            other.grad += result.grad
            self.backward()
            other.backward()

        result.backward = backward
        return result

    __radd__ = __add__

    def __mul__(self, other):
        other = Scalar.wrap(other)
        result = Scalar(self.val * other.val)

        def backward():
            self.grad += other.val * result.grad
            other.grad += self.val * result.grad
            self.backward()
            other.backward()

        result.backward = backward
        return result

    __rmul__ = __mul__

    def __sub__(self, other):
        return self + Scalar.wrap(other) * -1.0

# %% loss
def loss(y_pred, y):
    return sum((p - t) * (p - t) for p, t in zip(y_pred, y)) * (1.0 / len(y))
