"""A blank notebook that replaces course.bridge.serve in its own kernel: every request of the
examiner gets one reply line of 126 MB, just under the examiner's limit on what it reads,
that is a list of 42 million empty lists. JSON of three bytes an item became 64 bytes an item
of Python objects in the examiner, twice (json.loads, then bridge.decode): 6 GB and 90 s of
CPU in a process without the sandbox's limits, much of it in one C call that an interrupt
cannot stop (a red team's finding: with 30 s cells the examiner rose to 2.8 GB again and
again, and the notebook took two minutes). Now the examiner counts a reply's parts before it
parses it (bridge.MAX_PARTS), and reads a long line once: every test fails at once with the
reason, and the students graded with it keep their scores."""

BLANK = True
LOSES = ["test_f", "test_grad_f", "test_grad_f_no_autograd", "test_manual_descent",
         "test_manual_descent_converges", "test_grad_before_backward", "test_autograd_backward",
         "test_torch_descent_leaf", "test_torch_descent", "test_ideal_params", "test_mse",
         "test_mse_gradient", "test_fit"]

# %% f
import course.bridge

_HUGE = '{"names": {"f": [' + "[]," * 42_000_000 + "[]]}}"


class _Text:
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


def serve(request_text):
    return _Text(_HUGE)


course.bridge.serve = serve
