"""A correct f, and in the same cell a bounded fork bomb: 25 `sleep 97` processes started with
subprocess.Popen, and 25 forked children that leave the kernel's session (setsid) and become
`sleep 97` too, so that they would outlive a kill of the kernel's process group. Every failure
(OSError, the process limit) is caught. What must happen: the process limit stops it early or the
processes die with the notebook: after grading no `sleep 97` is left on the machine, the other
kernels are unharmed, and this submission scores full marks."""

LOSES = []

# %% f
import os
import subprocess


def _fork_bomb():
    started = 0
    for i in range(50):
        try:
            if i % 2 == 0:
                subprocess.Popen(["sleep", "97"], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            else:
                pid = os.fork()
                if pid == 0:
                    try:
                        os.setsid()
                        null = os.open(os.devnull, os.O_RDWR)
                        for fd in (0, 1, 2):
                            os.dup2(null, fd)
                        os.execvp("sleep", ["sleep", "97"])
                    finally:
                        os._exit(0)
            started += 1
        except OSError:
            break
    return started


try:
    print(f"started {_fork_bomb()} processes")
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2
