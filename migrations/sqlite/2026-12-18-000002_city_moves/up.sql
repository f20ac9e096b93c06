-- Where the local city moved to (`praxis move`): published as its actor's `movedTo`.
ALTER TABLE cities ADD COLUMN moved_to TEXT;
