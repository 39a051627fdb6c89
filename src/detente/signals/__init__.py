"""Quotes, issues, tone and relationship assessments of parsed articles.

    from detente.signals import extract_signals
    sig = extract_signals(doc, article, sentences, mentions)

The knowledge (speech verbs, issue phrases, tone adjustments, assessment
patterns) is in detente/data/*.yaml; docs/SIGNALS.md describes the method.
"""

from detente.signals.assessments import find_assessments
from detente.signals.config import (
    load_assessment_config,
    load_issue_taxonomy,
    load_speech_config,
    load_tone_config,
)
from detente.signals.dyad import main_dyad
from detente.signals.extract import Signals, extract_signals
from detente.signals.issues import article_issues, issues_by_sentence, issues_in_span, tag_issues
from detente.signals.quotes import extract_quotes
from detente.signals.tone import article_tone, score_text, sentence_tones

__all__ = [
    "Signals",
    "article_issues",
    "article_tone",
    "extract_quotes",
    "extract_signals",
    "find_assessments",
    "issues_by_sentence",
    "issues_in_span",
    "load_assessment_config",
    "load_issue_taxonomy",
    "load_speech_config",
    "load_tone_config",
    "main_dyad",
    "score_text",
    "sentence_tones",
    "tag_issues",
]
