"""The desk's own check-worthiness model: a logistic regression over the sentence features.

SCAFFOLD: the weights' shape and scoring; training (scikit-learn) and its figures replace it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DeskModel:
    """A trained model as plain data (stored as JSON, never pickled)."""

    name: str  # "desk-model-<date>"
    weights: dict[str, float] = field(default_factory=dict)
    intercept: float = 0.0

    def to_json(self) -> dict[str, object]:
        return {"name": self.name, "weights": self.weights, "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> DeskModel:
        weights = data.get("weights")
        intercept = data.get("intercept", 0.0)
        return cls(
            name=str(data.get("name", "desk-model")),
            weights={str(k): float(v) for k, v in weights.items()}
            if isinstance(weights, dict)
            else {},
            intercept=float(intercept) if isinstance(intercept, (int, float)) else 0.0,
        )


def model_score(model: DeskModel, features: dict[str, float]) -> float:
    """The model's probability that a statement with these features is worth checking."""
    z = model.intercept + sum(model.weights.get(k, 0.0) * v for k, v in features.items())
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
