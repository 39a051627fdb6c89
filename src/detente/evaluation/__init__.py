"""detente.evaluation: scoring the coders against gold (PLOVER records, news gold)."""

from detente.evaluation.events_eval import evaluate
from detente.evaluation.news_eval import evaluate_news, load_news_gold, score_news

__all__ = ["evaluate", "evaluate_news", "load_news_gold", "score_news"]
