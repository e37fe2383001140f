// The AST mirrors CPython's names; these two collide with System types brought in by implicit usings.
global using Attribute = DjangoPreflight.Python.Ast.Attribute;
global using Tuple = DjangoPreflight.Python.Ast.Tuple;
