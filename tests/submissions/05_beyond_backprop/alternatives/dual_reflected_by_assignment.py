"""Dual with __radd__ = __add__ and __rmul__ = __mul__, a helper to lift numbers, a sin that
also takes plain floats, and forward_derivative returning a one-element float64 tensor."""

LOSES = []

# %% dual_numbers
def _lift(other):
    return other if isinstance(other, Dual) else Dual(float(other), 0.0)


class Dual:
    def __init__(self, value, derivative=0.0):
        self.value, self.derivative = value, derivative

    def __add__(self, other):
        other = _lift(other)
        return Dual(self.value + other.value, self.derivative + other.derivative)

    def __mul__(self, other):
        other = _lift(other)
        return Dual(self.value * other.value,
                    self.value * other.derivative + other.value * self.derivative)

    __radd__ = __add__
    __rmul__ = __mul__


def sin(d):
    if not isinstance(d, Dual):
        return math.sin(d)
    return Dual(math.sin(d.value), d.derivative * math.cos(d.value))


def forward_derivative(f, x):
    return torch.tensor([f(Dual(x, 1.0)).derivative], dtype=torch.float64)
