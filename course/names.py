"""What a cell reads and binds, from its source alone (the grader's and the examiner's).

The examiner fetches from the student's kernel the names a test cell reads and does not hold
(course.examiner); the grader decides from them which locked cells the examiner runs
(course.preprocessors). Plain `ast`: importing this costs nothing.
"""

import ast
import functools


def free_names(source):
    """The names a cell reads and does not bind itself (in its own scope: a lambda's argument
    W does not hide a W the cell reads outside the lambda)."""
    return set(_names(source)[0])


def bound_names(source):
    """The names a cell binds where it runs (assignments, definitions, imports)."""
    return set(_names(source)[1])


def callees_only(source):
    """The names a cell reads only to call them, as in len(x) (a builtin so read is the
    builtin, even where a student's variable shadows it: the test means the function)."""
    return set(_names(source)[2])


def _names(source):
    """(free, bound, callees only) of a cell. A class's notebooks share their locked and test
    cells, and the grader reads each of them once per notebook: those answers are kept."""
    return _kept_names(source) if len(source) < 100_000 else _names_of(source)


@functools.lru_cache(maxsize=1024)
def _kept_names(source):
    return _names_of(source)


def _names_of(source):
    tree = _parsed(source)
    if tree is None:
        return frozenset(), frozenset(), frozenset()
    free, bound = _scan(tree.body, ())
    return frozenset(free), frozenset(bound), frozenset(_callees(tree))


def _callees(tree):
    called = {id(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}
    names, other = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            (names if id(node) in called else other).add(node.id)
    return names - other


def _parsed(source):
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef, ast.ListComp,
           ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _scan(nodes, params):
    """(the names these statements read and do not bind, the names they bind)."""
    reads, binds, inner = set(), set(params), set()
    todo = list(nodes)
    while todo:
        node = todo.pop()
        if isinstance(node, _SCOPES):
            inner |= _free_of_scope(node)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                binds.add(node.name)
            continue
        if isinstance(node, ast.Name):
            (reads if isinstance(node.ctx, ast.Load) else binds).add(node.id)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
            reads.add(node.target.id)  # x += 1 reads x first
        elif isinstance(node, ast.alias):
            binds.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            binds.add(node.name)
        todo.extend(ast.iter_child_nodes(node))
    return (reads | inner) - binds, binds - set(params)


def _free_in(nodes, params):
    return _scan(nodes, params)[0]


def _free_of_scope(node):
    """Free names of a function, lambda, class or comprehension; what it evaluates where it
    is defined (defaults, decorators, bases, the first iterable) counts as read outside."""
    outside = []
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
        arguments = node.args
        params = [a.arg for a in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]
        params += [a.arg for a in (arguments.vararg, arguments.kwarg) if a is not None]
        outside += arguments.defaults + [d for d in arguments.kw_defaults if d is not None]
        body = node.body if isinstance(node.body, list) else [node.body]
        if not isinstance(node, ast.Lambda):
            outside += node.decorator_list
    elif isinstance(node, ast.ClassDef):
        params, body = [], node.body
        outside += node.bases + node.decorator_list + [k.value for k in node.keywords]
    else:  # a comprehension: its targets are its own
        params = []
        body = [node.elt] if not isinstance(node, ast.DictComp) else [node.key, node.value]
        for number, generator in enumerate(node.generators):
            (outside if number == 0 else body).append(generator.iter)
            body += generator.ifs
            params += [n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)]
    return _free_in(body, params) | _free_in(outside, ())
