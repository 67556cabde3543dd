"""Django-free code: pure functions and dataclasses that pages, services and tasks build on.

Nothing in this package imports Django or the rest of `annotations` (an import contract will
enforce it), so it can be tested exhaustively on its own and reused outside the desk.
"""
