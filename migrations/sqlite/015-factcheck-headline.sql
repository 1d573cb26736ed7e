-- The fact-check's own headline (ClaimReview headline or name): fact-checkers often restate
-- the claim there in other words, and the matcher reads it beside claimReviewed.
ALTER TABLE factchecks ADD COLUMN headline TEXT;
