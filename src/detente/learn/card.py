"""The model card: what a model was trained on, when, with which command, and how it
scored where it was not fitted (a Markdown file beside the model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def render_card(card: dict[str, Any]) -> str:
    cv = card.get("cross_validation", {})
    lines = [
        "# detente event model",
        "",
        "Rules propose, the model disposes: a linear classifier per PLOVER type over each",
        "sentence (hashed lemmas, verb frames, pattern-lexicon hits, the rule coder's",
        "candidates, and en_core_web_sm's own contextual vectors), and two scorers that",
        "choose the source and target country among the article's actors. A keep scorer",
        "judges each rule event (rule id, how its actors were found, modality, confidence,",
        "trigger, headline or lede, the sentence's features); the model adds events of its",
        "own only in sentences where the rules coded nothing.",
        "",
        f"- trained on: {', '.join(card.get('trained_on', []))} "
        f"({card.get('articles')} articles, {card.get('gold_events')} gold events)",
        f"- date: {card.get('date')}",
        f"- command: `{card.get('command')}`",
        f"- seed: {card.get('seed')} (fitting is deterministic)",
        f"- decision threshold: {cv.get('threshold')}; a rule's event is accepted as coded when "
        f"the keep scorer gives it {cv.get('rule_threshold')} (None: rule events are only "
        f"features); "
        f"chosen as the best mean F1 of {cv.get('folds')}-fold cross-validation by article on the "
        f"training gold and of the tuning gold ({', '.join(cv.get('tuned_on') or []) or 'none'}; "
        f"used to choose the two thresholds, never to fit) among settings more precise than "
        f"the rules alone and with more recall on both (when some setting is; else as precise, "
        f"with as much recall), on the same data (and precision >= {cv.get('min_precision')})",
        *(["- no setting that adds the model's own events beat the rules on both held-out sets: "
           "the model proposes none (threshold above any probability), keeps every rule event, "
           "and gives each its calibrated confidence"]
          if (cv.get("threshold") or 0) > 1 and cv.get("rule_threshold") == 0.0 else []),
        *[f"- the rules alone on the {'cross-validation folds' if k == 'cv' else 'tuning gold'}: "
          f"precision {v['precision']:.3f}, recall {v['recall']:.3f}, F1 {v['f1']:.3f}"
          for k, v in cv.get("rules", {}).items()],
        f"- PLOVER types the model proposes none of its own of (fewer than "
        f"{card.get('min_type_events')} training events; their rule events are judged by the "
        f"keep scorer like the others): "
        f"{', '.join(card.get('kept_rule_types', [])) or 'none'}",
        "",
        "## Cross-validated scores on the training gold (held-out folds; best 12 settings)",
        "",
        "| threshold / rule threshold | precision | recall | F1 | events produced |",
        "|---|---|---|---|---|",
    ]
    key = f"{cv.get('threshold')}/{cv.get('rule_threshold')}"
    for label, table in (("cross-validation", cv.get("by_threshold", {})),
                         ("tuning gold", cv.get("tune_by_threshold", {}))):
        if key in table:
            v = table[key]
            lines.insert(-5, f"- {label} at the chosen setting: precision {v['precision']:.3f}, "
                             f"recall {v['recall']:.3f}, F1 {v['f1']:.3f}")
    ranked = sorted(cv.get("by_threshold", {}).items(), key=lambda kv: -kv[1]["f1"])[:12]
    for t, v in ranked:
        lines.append(f"| {t} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {int(v['produced'])} |")
    lines += ["", "## Gold events per type in the training data", ""]
    lines += [f"- {k}: {v}" for k, v in card.get("gold_per_type", {}).items()]
    extra = card.get("evaluation")
    if extra:
        lines += ["", "## Scores on data the model was not fitted on", "", extra]
    return "\n".join(lines) + "\n"


def write_card(model: Any, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(render_card(model.card), encoding="utf-8")
    return path
