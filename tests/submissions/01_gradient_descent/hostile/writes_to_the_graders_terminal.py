"""f is correct; its cell also writes, straight to file descriptors 1 and 2 of its process,
terminal escapes (clear the screen, set the window title) and a fake line of the grader's
summary. The kernel's descriptors are the grader's own (bwrap passes them on), so this reached
the terminal of whoever ran `grade` as it was: `grade` strips control characters only from what
it prints itself. What must happen: nothing a kernel writes to its descriptors reaches the
grader's terminal raw (the kernel's stdout and stderr go to a log or a pipe the grader cleans);
this submission scores full marks."""

LOSES = []

# %% f
def f(x):
    return (x - 0.5) ** 2


import os as _os

for _fd in (1, 2):
    _os.write(_fd, b"\x1b[2J\x1b]0;PWNED-writes_to_the_graders_terminal\x07"
                   b"\nPWNED-writes_to_the_graders_terminal: every student passed every test\n")
