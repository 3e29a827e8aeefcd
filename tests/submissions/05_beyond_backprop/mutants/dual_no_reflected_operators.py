"""Dual has no __radd__ or __rmul__: 2 * x raises TypeError; Dual with Dual is right."""

LOSES = ["test_dual_numbers_constants"]
VISIBLE = True

# %% dual_numbers
class Dual:
    def __init__(self, value, derivative=0.0):
        self.value = value
        self.derivative = derivative

    def __add__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value + other.value, self.derivative + other.derivative)

    def __mul__(self, other):
        other = other if isinstance(other, Dual) else Dual(other)
        return Dual(self.value * other.value,
                    self.derivative * other.value + self.value * other.derivative)


def sin(d):
    return Dual(math.sin(d.value), math.cos(d.value) * d.derivative)


def forward_derivative(f, x):
    return f(Dual(x, 1.0)).derivative
