"""Suggestions: the check-worthy claims and the quotes (with their speakers) of an article's text.

Pure functions over a canonical text (no Django), in four modules:
- `features`: what a fact-checker would name in a sentence (figures, dates, comparisons,
  attributions, names; hedges and opinions), as named values;
- `checkworthiness`: the candidates (sentences, or clauses where a sentence holds several
  statements) and the rules-only score a new desk starts with;
- `model`: the desk's own logistic regression over the same features, trained on its reviews;
- `quotes`: quotations, their exact spans and who said them;
- `suggest`: all of it together, what the suggestions task stores.
"""
