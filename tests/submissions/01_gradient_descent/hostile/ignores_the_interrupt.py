"""The fit cell ignores SIGINT and loops forever: at the cell's limit the grader interrupts
the kernel, which sends nothing back (no reply, no output, no idle status). nbclient then
raises CellTimeoutError ("Timeout waiting for IOPub output"), which left the whole notebook
NOT GRADED. The grader must grade it: the questions before the fit keep their points, the fit
and the cells after it score 0 with the reason, and the next student is graded as usual."""

LOSES = ["test_fit"]

# %% fit
import signal

signal.signal(signal.SIGINT, signal.SIG_IGN)
while True:
    pass
