"""The check: each article figure's verdict against CBP's record and the other sources, ClaimReview, and CBP's rows
broken down and reconciled. May import data and words; never presentation, outputs or the screen."""
