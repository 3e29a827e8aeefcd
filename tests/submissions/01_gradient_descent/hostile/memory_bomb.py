"""A correct f, then in the same cell a memory bomb: first 4 GiB asked for at once (refused or
not at once, whatever the machine's load), then 64 MiB blocks filled one after the other, up
to 64 of them (4 GiB touched), kept, then freed. What must happen: the kernel's
memory limit stops it (MemoryError, caught) before the machine is short of memory, the grader
and the other kernels are unharmed, and this submission scores full marks. f is defined before
the bomb, so that a cell interrupted at the time limit still has it (without a limit, filling
4 GiB took more than the hostile class's cell limit on a busy 2-core machine), and the blocks are
small, so that an interrupt at that limit lands between two of them within a moment. If the
defence kills the kernel instead of refusing the allocation, everything from test_f on is
lost, and LOSES must say so."""

LOSES = []

# %% f
def f(x):
    return (x - 0.5) ** 2


def _memory_bomb():
    blocks = []
    try:
        for _ in range(64):
            blocks.append(bytearray(b"\x01") * (64 * 2**20))  # written, so really resident
    except (MemoryError, OverflowError):
        pass
    held = len(blocks)
    del blocks
    return held


try:
    import torch

    whole = torch.empty(4 * 2**30, dtype=torch.uint8)
    print("4 GiB at once: granted")
    del whole
except (RuntimeError, MemoryError) as error:
    print("4 GiB at once: refused,", type(error).__name__)
try:
    print(f"held {_memory_bomb() * 64} MiB")
except Exception as error:
    print("blocked:", type(error).__name__)
