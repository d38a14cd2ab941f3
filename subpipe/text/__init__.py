"""Text analysis: scripts (OpenCC), word segmentation (jieba), facts about written Chinese, word weights."""
