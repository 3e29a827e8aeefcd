"""w_ideal and b_ideal are objects that claim to equal anything: the test wants numbers."""

LOSES = ["test_ideal_params"]

# %% ideal_params
class AlwaysEqual:
    def __eq__(self, other):
        return True

    def __bool__(self):
        return True


w_ideal = AlwaysEqual()
b_ideal = AlwaysEqual()
