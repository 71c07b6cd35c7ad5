"""Sentence segmentation with rules kept as SRX 2.0 data (see :mod:`.srx`)."""

from newsl10n.segment.srx import LanguageMap, SrxRule, SrxRules, load_rules, sentence_breaks

__all__ = ["LanguageMap", "SrxRule", "SrxRules", "load_rules", "sentence_breaks"]
