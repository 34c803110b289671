-- Attempts per scene, so that a default run takes scenes whose attempts failed after the fresh
-- ones and only once their back-off has passed (see jobs.md, "Failed scenes and back-off").
--   *_failures      consecutive failed attempts, 0 after a success
--   *_attempted_at  when the scene was last attempted
-- Adding a column with a constant default rewrites no rows (PostgreSQL 11+): the brief ACCESS
-- EXCLUSIVE lock is all it takes. lock_timeout: rather fail the migration (it is retried by the
-- next start) than queue behind a long query while every reader of video_scenes queues behind it.
SET lock_timeout = '10s';

ALTER TABLE video_scenes
    ADD COLUMN IF NOT EXISTS visual_clip_failures integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS visual_clip_attempted_at timestamptz,
    ADD COLUMN IF NOT EXISTS text_embedding_failures integer NOT NULL DEFAULT 0,
    ADD COLUMN IF NOT EXISTS text_embedding_attempted_at timestamptz;
