"""The examiner: a kernel that runs a notebook's test cells and never runs the submission.

During grading (course.preprocessors.ResilientExecute) each notebook has two kernels:

    grader (nbgrader) --- cells --->  student's kernel   (sandboxed: runs the submission)
          |                                 ^
          +-- locked and test cells -->  examiner  --- bridge: names, calls, values
                                                       (course.bridge)

The examiner runs the notebook's locked cells itself (their source is the gradebook's), so
its data, references and checks are its own, and then each test cell. A name the test cell
uses that the examiner does not hold is the student's: just before the cell runs, the
examiner asks the student's kernel for it, by value or as a handle (course.bridge), and
drops it again after the cell. A test that means the student's copy of a name a locked cell
also defines says so: `student.x` (course.checks.student).

The test cell's source never enters the student's kernel; what the student's code sees are
the values a test passes to it. Its output is the examiner's, so the student's code cannot
change what a test prints or whether it raised.

`attach` is what the grader runs in the examiner once both kernels are up.
"""

import builtins
import contextlib
import json
import os
import queue
import secrets
import select
import socket
import time

import zmq
from jupyter_client.blocking import BlockingKernelClient

from course import bridge, checks
from course.names import callees_only, free_names

INTERRUPT_SECONDS = 5  # for an interrupted student's kernel to answer again
SILENT_SECONDS = 4  # without a heartbeat from the student's kernel: it has died
DIED = "your kernel died while the grader was calling your code"
STOPPED = ("your kernel stopped answering after a call that did not return, so the tests after "
           "it could not reach your code")


class StudentKernel:
    """The examiner's side of the bridge: requests to the student's kernel, with limits.

    A test cell's requests go over a connection of their own (a Unix socket in the student's
    kernel folder, where its ZMQ sockets are): at the cell's first request one execute
    request (jupyter_client's public API) runs `bridge.serve_session` in the student's kernel,
    which connects back and answers request after request until the examiner closes the
    connection after the cell. A round trip costs a tenth of a millisecond there, against
    about 6 ms for an execute request per request (ipykernel's message handling, on both
    sides); 05's notebook makes 155.
    """

    def __init__(self, connection_info, cell_seconds):
        context = zmq.Context()
        context.setsockopt(zmq.MAXMSGSIZE, 2 * bridge.MAX_BYTES)  # a larger reply is dropped
        self.client = BlockingKernelClient(context=context)
        self.client.load_connection_info(connection_info)
        self.client.start_channels(shell=True, iopub=False, stdin=False, hb=True,
                                   control=True)
        self.listener, self.address = _listen(connection_info)
        self.cell_seconds = cell_seconds
        self.deadline = None
        self.dead = None  # why the student's kernel can no longer answer
        self.session = None  # (connection, what it has read, the serving request's id)
        self.sequence = 0

    def start_cell(self):
        self.deadline = time.monotonic() + self.cell_seconds

    def names(self, names):
        reply = self.request({"op": "names", "names": sorted(names)})
        found = reply.get("names")
        if type(found) is not dict:
            raise bridge.BridgeError("the student's kernel answered out of format")
        values = {name: self.decode(data) for name, data in found.items() if name in names}
        for name, value in values.items():
            if isinstance(value, bridge.Handle):
                value._bridge_info["name"] = name
        return values

    def call(self, fn, args=(), kwargs=None, iterate=False):
        """fn(*args, **kwargs) in the student's kernel, inside the guards now active."""
        message = {"op": "call", "fn": self.encode(fn), "args": [self.encode(a) for a in args],
                   "kwargs": {k: self.encode(v) for k, v in (kwargs or {}).items()},
                   "guards": list(bridge.GUARDS), "iterate": iterate}
        reply = self.request(message)
        if "value" not in reply:
            raise bridge.BridgeError("the student's kernel answered out of format")
        return self.decode(reply["value"])

    def decode(self, data):
        """A value of the student's kernel: what the bridge's format cannot hold (digits int()
        refuses, a dtype NumPy does not know, base64 that is not) is a BridgeError too."""
        try:
            return bridge.decode(data, self.resolve)
        except (ValueError, TypeError, OverflowError, RuntimeError, MemoryError,
                RecursionError, KeyError, AttributeError) as error:
            raise bridge.BridgeError(f"the student's kernel sent a value that cannot be read "
                                     f"({type(error).__name__})") from None

    def encode(self, value):
        return bridge.encode(value, self._stand_in)

    def _stand_in(self, obj):
        if isinstance(obj, bridge.Handle):
            if obj._bridge_kernel is not self:
                raise bridge.BridgeError("a handle of another kernel")
            return {"$handle": {"id": obj._bridge_id}}
        found = bridge.portable(obj)
        if found is None:
            raise bridge.BridgeError(
                f"a test may hand the student's code values, the student's own objects and "
                f"named functions, not a {type(obj).__name__} of its own")
        if "args" in found:
            found["args"] = [self.encode(a) for a in found["args"]]
            found["kwargs"] = {k: self.encode(v) for k, v in found["kwargs"].items()}
        return {"$portable": found}

    def resolve(self, tagged):
        (tag, body), = tagged.items()
        if tag != "$handle" or type(body) is not dict or type(body.get("id")) is not int:
            raise bridge.BridgeError("the student's kernel sent something that is not a value")
        info = {k: str(v)[:200] for k, v in body.items() if k in ("type", "why")}
        info.update({k: body.get(k) is True for k in ("callable", "class")})
        return bridge.Handle(self, body["id"], info)

    def _seconds(self):
        """What is left of the cell's time, less what an interrupt may take: a call gives up
        (and says why) before the grader stops the whole cell."""
        left = (self.deadline or time.monotonic() + self.cell_seconds) - time.monotonic()
        return max(0.5, left - min(INTERRUPT_SECONDS, left / 2))

    def request(self, message):
        if self.dead:
            raise bridge.BridgeError(self.dead)
        seconds = self._seconds()
        if self.session is None:
            self._open(seconds)
        self.sequence += 1
        sequence = self.sequence
        line = f"{sequence} {json.dumps(message)}\n".encode()
        try:
            self.session[0].settimeout(seconds)  # a kernel that does not read: no reply
            self.session[0].sendall(line)
            text = self._line(sequence, seconds)
        except KeyboardInterrupt:  # the grader stopped this cell: stop the student's call too
            self._interrupt(sequence)
            raise
        except TimeoutError:
            text = None
        except OSError:
            text = self._closed()
        if text is None:
            self._interrupt(sequence)
            raise bridge.StudentError(
                "TimeoutError", f"your code did not return within {seconds:.1f} s")
        return self._parse(text)

    def end_cell(self):
        """Close the cell's connection: the student's kernel ends serve_session and is free
        for the next solution cell (the grader's request queues behind it, if need be)."""
        if self.session is not None:
            with contextlib.suppress(OSError):
                self.session[0].close()
            self.session = None

    def _open(self, seconds):
        """Ask the student's kernel to connect and serve this cell's requests."""
        expression = (f"__import__('course.bridge').bridge.serve_session("
                      f"{json.dumps(self.address)})")
        msg_id = self.client.execute("", silent=True, store_history=False, allow_stdin=False,
                                     user_expressions={"reply": expression})
        try:
            self._accept(msg_id, seconds)
        except KeyboardInterrupt:  # the grader stopped this cell: the kernel must be free
            self._interrupt_request(msg_id)
            raise

    def _accept(self, msg_id, seconds):
        end = time.monotonic() + seconds
        wait = 0.01
        while True:
            ready, _, _ = select.select([self.listener], [], [], wait)
            if ready:
                connection, _ = self.listener.accept()
                self.session = (connection, bytearray(), msg_id)
                return
            wait = min(0.5, wait * 2)
            # No connection yet: the request may have been answered instead (the kernel's
            # serve_session is broken or replaced), or the kernel may be gone.
            reply = self._reply(msg_id, 0.001)
            if reply is not None:
                self._read(reply)  # raises with the reason the kernel gave
                raise bridge.BridgeError("your kernel did not connect to the grader (a cell "
                                         "replaced what the grader runs there)")
            if time.monotonic() > end:
                self._interrupt_request(msg_id)
                raise bridge.StudentError(
                    "TimeoutError", f"your kernel did not answer within {seconds:.1f} s")

    def _line(self, sequence, seconds):
        """The reply to request number sequence, its JSON text; None after seconds."""
        connection, buffered, _ = self.session
        end = time.monotonic() + seconds
        searched = 0  # buffered[:searched] holds no newline: a long line is searched once
        while True:
            cut = buffered.find(b"\n", searched)
            while cut >= 0:
                line = bytes(buffered[:cut])
                del buffered[:cut + 1]
                number, _, text = line.partition(b" ")
                if number == str(sequence).encode():  # others: replies of calls given up on
                    try:
                        return text.decode()
                    except UnicodeDecodeError:
                        raise bridge.BridgeError(
                            "the student's kernel answered out of format") from None
                cut = buffered.find(b"\n")
            searched = len(buffered)
            if len(buffered) > 2 * bridge.MAX_BYTES:
                self.end_cell()
                raise bridge.BridgeError("the student's kernel sent a reply that is too large")
            left = end - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([connection], [], [], left)
            if not ready:
                continue
            chunk = connection.recv(1 << 20)
            if not chunk:
                raise ConnectionResetError("the student's kernel closed the connection")
            buffered += chunk

    def _closed(self):
        """The connection ended in the middle of a request: the kernel died, or the student's
        code closed it."""
        _, _, msg_id = self.session
        self.end_cell()
        if not self.client.hb_channel.is_beating() or self._reply(msg_id, 1) is None:
            self.dead = DIED
            raise bridge.BridgeError(self.dead)
        raise bridge.BridgeError("your code closed the grader's connection to your kernel")

    def _reply(self, msg_id, seconds):
        end = time.monotonic() + seconds
        silent_since = None
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                msg = self.client.get_shell_msg(timeout=min(left, 0.5))
            except queue.Empty:
                if self.client.hb_channel.is_beating():
                    silent_since = None
                elif silent_since is None:
                    silent_since = time.monotonic()
                elif time.monotonic() - silent_since > SILENT_SECONDS:
                    self.dead = DIED
                    raise bridge.BridgeError(self.dead) from None
                continue
            except (ValueError, RecursionError, MemoryError) as error:
                self.dead = f"the student's kernel sent a reply that cannot be read ({error})"
                raise bridge.BridgeError(self.dead) from None
            if msg.get("parent_header", {}).get("msg_id") == msg_id:
                return msg

    def _interrupt(self, sequence):
        """Interrupt the student's call of request number sequence, and end the session: the
        student's kernel must answer (the call's KeyboardInterrupt, then the end of
        serve_session) within INTERRUPT_SECONDS, else it counts as stopped."""
        msg_id = self.session[2]
        # within the cell's own limit, so that the test fails with this reason, not the
        # grader's stop of the whole cell
        end = time.monotonic() + INTERRUPT_SECONDS
        if self.deadline is not None:
            end = max(time.monotonic() + 0.5, min(end, self.deadline - 0.3))
        self._send_interrupt()
        with contextlib.suppress(bridge.BridgeError, OSError):
            self._line(sequence, end - time.monotonic())
        self.end_cell()
        self._wait_free(msg_id, max(0.1, end - time.monotonic()))

    def _interrupt_request(self, msg_id):
        self._send_interrupt()
        self._wait_free(msg_id, INTERRUPT_SECONDS)

    def _send_interrupt(self):
        self.client.control_channel.send(self.client.session.msg("interrupt_request", {}))

    def _wait_free(self, msg_id, seconds):
        """Wait for the reply to msg_id: the student's kernel is free again, or, without one
        within seconds, stopped."""
        if self._reply(msg_id, seconds) is None:
            self.dead = STOPPED

    def _read(self, msg):
        """The execute reply of a serving request that ended before it connected."""
        content = msg.get("content")
        expressions = content.get("user_expressions") if type(content) is dict else None
        result = expressions.get("reply") if type(expressions) is dict else None
        data = result.get("data") if type(result) is dict else None
        if type(data) is not dict:
            raise bridge.BridgeError("the student's kernel answered out of format")
        if content.get("status") != "ok" or result.get("status") != "ok":
            raise bridge.BridgeError(
                "your kernel could not answer the grader (a cell replaced or broke what the "
                f"grader calls there: {str(result.get('ename', content.get('ename')))[:80]})")
        text = data.get("text/plain", "")
        if type(text) is not str or len(text) > 2 * bridge.MAX_BYTES:
            raise bridge.BridgeError("the student's kernel sent a reply that is too large")
        return self._parse(text)

    def _parse(self, text):
        """A reply's JSON text: its value, or the exception it stands for."""
        # json.loads builds every value before decode can refuse one, and "[]," or '"",' of
        # 3 bytes is a Python object of 50 to 60: a reply of 126 MB of them took 6 GB and 90 s
        # of CPU here (json.loads, then decode), out of the sandbox's limits and mostly in one
        # C call that no interrupt stops. Every JSON value but a number, true, false and null
        # opens with one of [ { " and each one after the first in a list or dict follows a
        # comma: count them first (base64 has none of these).
        if sum(map(text.count, '[{",')) > bridge.MAX_PARTS:
            raise bridge.BridgeError("the student's kernel sent a reply of too many parts")
        try:
            reply = json.loads(text)
        except (ValueError, RecursionError):
            raise bridge.BridgeError("the student's kernel answered out of format") from None
        if type(reply) is not dict:
            raise bridge.BridgeError("the student's kernel answered out of format")
        if "raised" in reply:
            raised = reply["raised"]
            if type(raised) is not list or len(raised) != 2:
                raise bridge.BridgeError("the student's kernel answered out of format")
            raise bridge.StudentError(str(raised[0])[:200], str(raised[1])[:2000])
        if "failed" in reply:
            raise checks.CheckFailed(str(reply["failed"])[:2000])
        if "bridge" in reply:
            raise bridge.BridgeError(str(reply["bridge"])[:500])
        return reply


def _listen(connection_info):
    """A socket the student's kernel can connect to, and its address for serve_session: a
    Unix socket beside its ZMQ ones (a sandboxed kernel has no network), else loopback TCP."""
    if connection_info.get("transport") == "ipc":
        # A name the student's kernel, whose folder this is, cannot know beforehand (nor
        # take: a folder of that name put there would fail the examiner, as if the grader had
        # broken), nearly as short as its own sockets' names (ipc-1, ...: 107 bytes at most).
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        for attempt in range(3):
            path = os.path.join(os.path.dirname(connection_info["ip"]),
                                f"b{secrets.token_hex(4)}")
            # The sandbox's user connects to it (the grader may be root): bind makes it
            # 0o666 itself. A chmod of the path after bind would follow a link that the
            # student's kernel put there in between: to any file of the grader's.
            mask = os.umask(0o111)
            try:
                listener.bind(path)
                break
            except OSError:
                if attempt == 2:
                    raise
            finally:
                os.umask(mask)
        address = {"unix": path}
    else:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind((connection_info.get("ip") or "127.0.0.1", 0))
        address = {"tcp": list(listener.getsockname()[:2])}
    listener.listen(4)
    return listener, address


_BUILTINS = set(dir(builtins))


class Examiner:
    """Fetches the student's names a cell needs before it runs, and drops them after."""

    def __init__(self, shell, kernel):
        self.shell, self.kernel = shell, kernel
        self.fetched = set()
        self.withheld = set()  # locked names: never fetched (attach)
        self.reads = {}  # cell source -> (its free names, those it only calls) (attach)

    def before(self, info):
        self.kernel.start_cell()
        free, callees = self.reads.get(info.raw_cell) or (free_names(info.raw_cell),
                                                          callees_only(info.raw_cell))
        wanted = set(free) - set(self.shell.user_ns) - self.withheld - (set(callees) & _BUILTINS)
        if not wanted:
            return
        try:
            found = self.kernel.names(wanted)
        except Exception as error:  # noqa: BLE001  (the cell runs, and using them says why)
            why = str(error) if isinstance(error, (bridge.BridgeError, bridge.StudentError)) \
                else "the student's kernel answered out of format"
            found = {name: Unreachable(why) for name in wanted - _BUILTINS}
        # A student's `input` (a tensor) is theirs; a function of theirs called len is not
        # what the test means by len.
        found = {name: value for name, value in found.items()
                 if name not in _BUILTINS or not isinstance(value, (bridge.Handle, Unreachable))}
        for name, value in found.items():
            self.shell.user_ns[name] = value
            self.fetched.add(name)

    def after(self, result):
        self.kernel.end_cell()
        for name in self.fetched:
            self.shell.user_ns.pop(name, None)
        self.fetched.clear()

    def fetch(self, name):
        """The student's own name (course.checks.student)."""
        found = self.kernel.names({name})
        if name not in found:
            raise NameError(f"name {name!r} is not defined in your notebook")
        return found[name]


class Unreachable:
    """What a name the student's kernel could not be asked for stands for: using it fails."""

    def __init__(self, why):
        self._why = why

    def __getattr__(self, name):
        raise bridge.BridgeError(self._why)

    def __call__(self, *args, **kwargs):
        raise bridge.BridgeError(self._why)

    def __repr__(self):
        return f"<unreachable: {self._why}>"


def attach(connection_info, cell_seconds, locked=(), reads=None):
    """Make this kernel the examiner of the student's kernel at connection_info. locked: the
    names the notebook's locked cells bind (the gradebook's), the examiner's alone: one it
    does not hold (its cell not run yet, moved, deleted or failed) is missing, never the
    student's (a test that means the student's copy says so: course.checks.student). reads:
    cell source -> [the names it reads, those it only calls], as the grader found them
    (course.names) for the test and locked cells; a cell not there is parsed here."""
    from IPython import get_ipython

    shell = get_ipython()
    # What the examiner displays is read by no one: its locked cells' outputs are dropped and
    # test cells print text. Only text/plain is computed, so a locked cell's figure or graph
    # picture is not drawn a second time (05's graph picture cost 0.25 s).
    shell.display_formatter.active_types = ["text/plain"]
    kernel = StudentKernel(connection_info, cell_seconds)
    examiner = Examiner(shell, kernel)
    examiner.withheld.update(locked)
    examiner.reads.update(reads or {})
    shell.events.register("pre_run_cell", examiner.before)
    shell.events.register("post_run_cell", examiner.after)
    checks.examine_through(examiner)
    return examiner
