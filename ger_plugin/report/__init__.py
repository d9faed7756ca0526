"""Finished runs into comparisons: results, reference rows, the leaderboard, tables, page, plots, cost."""
