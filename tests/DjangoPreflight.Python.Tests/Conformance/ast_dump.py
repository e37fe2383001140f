"""Reference dumper for the conformance test: reads file paths (one per line) on stdin and writes,
for each, '=== <path>' followed by a compact one-node-per-line dump of ast.parse(), or 'ERR ...'
when CPython rejects the file. AstDump.cs writes the same format from our tree.

Line format: <indent><field>[<index>] <Kind> <scalar fields> @<lineno>:<col>-<end_lineno>:<end_col>
(strings in unicode_escape, floats as IEEE bits, bytes as hex). Empty lists and None fields are
omitted; a None inside a node list (dict ** keys) is written as 'None'.
"""
import ast
import multiprocessing
import struct
import sys

sys.setrecursionlimit(100000)

SINGLETONS = (ast.expr_context, ast.boolop, ast.operator, ast.unaryop, ast.cmpop)


def scalar(v):
    if v is None:
        return 'None'
    if v is True:
        return 'True'
    if v is False:
        return 'False'
    if v is Ellipsis:
        return '...'
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return 'f:' + struct.pack('>d', v).hex()
    if isinstance(v, complex):
        return 'j:' + struct.pack('>d', v.imag).hex()
    if isinstance(v, bytes):
        return 'b:' + v.hex()
    if isinstance(v, str):
        return 's:' + v.encode('unicode_escape').decode('ascii')
    raise TypeError(type(v))


def dump(node, label, depth, out):
    parts = [' ' * depth + label, type(node).__name__]
    children = []
    for name in node._fields:
        v = getattr(node, name, None)
        if name == 'value' and isinstance(node, (ast.Constant, ast.MatchSingleton)):
            parts.append('value=' + scalar(v))
            continue
        if v is None or name == 'type_comment':
            continue
        if isinstance(v, SINGLETONS):
            parts.append(name + '=' + type(v).__name__)
        elif isinstance(v, ast.AST):
            children.append((name, v))
        elif isinstance(v, list):
            if not v:
                continue
            if isinstance(v[0], SINGLETONS):
                parts.append(name + '=[' + ','.join(type(x).__name__ for x in v) + ']')
            elif all(isinstance(x, str) for x in v):
                parts.append(name + '=[' + ','.join(v) + ']')
            else:
                for i, x in enumerate(v):
                    children.append(('%s[%d]' % (name, i), x))
        else:
            parts.append(name + '=' + (v if isinstance(v, str) else scalar(v)))
    if 'lineno' in node._attributes:
        parts.append('@%d:%d-%d:%d' % (node.lineno, node.col_offset, node.end_lineno, node.end_col_offset))
    out.append(' '.join(parts))
    for name, child in children:
        if child is None:
            out.append(' ' * (depth + 1) + name + ' None')
        else:
            dump(child, name, depth + 1, out)


def dump_file(path):
    try:
        with open(path, 'rb') as f:
            source = f.read()
        tree = ast.parse(source)
    except (SyntaxError, ValueError, UnicodeError, MemoryError, RecursionError) as e:
        return '=== %s\nERR %s\n' % (path, type(e).__name__)
    out = ['=== ' + path]
    dump(tree, 'module', 0, out)
    return '\n'.join(out) + '\n'


def main():
    paths = [line.rstrip('\n') for line in sys.stdin if line.strip()]
    write = sys.stdout.write
    if len(paths) < 8:
        for p in paths:
            write(dump_file(p))
        return
    # fork, not 3.14's default forkserver: a fresh interpreter would not start through a wrapper.
    with multiprocessing.get_context('fork').Pool(max(1, min(4, multiprocessing.cpu_count()))) as pool:
        for text in pool.imap(dump_file, paths, chunksize=8):
            write(text)


if __name__ == '__main__':
    main()
