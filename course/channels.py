"""The grader's channels to a student's kernel: what the kernel sends is the submission's.

A kernel is a process the submission runs in, so every message it sends is the submission's
to write. jupyter_client and nbclient read them as the Jupyter protocol promises, and a
kernel that breaks the promise stopped grading: nbclient checks a cell's deadline only when
no message at all came, so a kernel that sends the grader a stream of other messages was never
timed out (the grader hung), and a reply without a "status" or a message whose header is not
a mapping raised out of the cell (the notebook was not graded). GradingClient is
jupyter_client's client with two channels that keep the promise for it:

- on shell, only the replies to this client's own requests come through, each with a readable
  "status" (one that is not counts as an error of its cell, with the reason), and a timeout
  is kept however much else arrives;
- on IOPub, a message that cannot be decoded or whose parts are not mappings is dropped.

What a readable message says is still the kernel's word; the examiner (course.examiner)
decides grades, and reads only values from it.
"""

import queue
import time

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

# A message the grader cannot read: not JSON, a bad signature, or parts that are not mappings.
UNREADABLE = (ValueError, TypeError, KeyError, AttributeError, UnicodeDecodeError,
              RecursionError)
BAD_REPLY = {"status": "error", "ename": "BadReply", "evalue": (
    "the kernel's reply to this cell could not be read (its status is missing or not a word)"),
    "traceback": ["BadReply: the kernel's reply to this cell could not be read"]}


def readable(msg):
    """Whether msg has the parts a reader looks into, each of the right kind."""
    return (isinstance(msg, dict) and isinstance(msg.get("header"), dict)
            and isinstance(msg.get("parent_header"), dict)
            and isinstance(msg.get("content"), dict) and isinstance(msg.get("metadata"), dict)
            and isinstance(msg.get("msg_type"), str)
            and isinstance(msg["parent_header"].get("msg_id", ""), str))


class _Readable(AsyncZMQSocketChannel):
    """A channel that drops what cannot be read, within the caller's timeout."""

    async def get_msg(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                msg = await super().get_msg(left)  # queue.Empty once the time is up
            except UNREADABLE:
                msg = None
            if msg is not None and readable(msg) and self.wanted(msg):
                return msg
            if deadline is not None and time.monotonic() >= deadline:
                raise queue.Empty  # only unwanted messages came, and the time is up

    def wanted(self, msg):
        return True


class ShellReplies(_Readable):
    """Shell: the replies to this client's requests, and nothing else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._asked = set()

    def send(self, msg):
        self._asked.add(msg["header"]["msg_id"])
        super().send(msg)

    def wanted(self, msg):
        parent = msg["parent_header"].get("msg_id")
        if parent not in self._asked:
            return False
        self._asked.discard(parent)
        content = msg["content"]
        if not isinstance(content.get("status"), str):
            msg["content"] = dict(BAD_REPLY)
        elif content["status"] == "error":  # what nbgrader copies into the cell's error output
            content["ename"] = str(content.get("ename", "Error"))[:200]
            content["evalue"] = str(content.get("evalue", ""))[:2000]
            shown = content.get("traceback")
            content["traceback"] = ([str(line)[:2000] for line in shown[:100]]
                                    if isinstance(shown, list) else [])
        return True


class GradingClient(AsyncKernelClient):
    """jupyter_client's client, reading a student's kernel through the channels above."""

    shell_channel_class = Type(ShellReplies)
    iopub_channel_class = Type(_Readable)
