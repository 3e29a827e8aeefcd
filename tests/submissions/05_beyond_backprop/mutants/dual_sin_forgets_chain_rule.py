"""sin(d) gives cos(d.value) as the derivative, forgetting to multiply by d.derivative."""

LOSES = ["test_dual_numbers", "test_dual_numbers_constants"]

# %% dual_numbers
class Dual:
    def __init__(self, value, derivative=0.0):
        self.value = value
        self.derivative = derivative

    def __add__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value + other.value, self.derivative + other.derivative)

    __radd__ = __add__

    def __mul__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value * other.value,
                    self.derivative * other.value + self.value * other.derivative)

    __rmul__ = __mul__


def sin(d):
    return Dual(math.sin(d.value), math.cos(d.value))


def forward_derivative(f, x):
    return f(Dual(x, 1.0)).derivative
