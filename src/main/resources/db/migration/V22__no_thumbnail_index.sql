-- Every clipBackfill run, status and the admin page count the scenes without a thumbnail. Without
-- an index that count reads the whole table (0.2-0.3 s per million scenes); this partial index
-- holds only those scenes, which are few. On an existing table it is built concurrently before the
-- migrations run (ExistingSceneIndexes), and this statement finds it.
CREATE INDEX IF NOT EXISTS idx_video_scenes_no_thumbnail ON video_scenes (id) WHERE thumbnail_url IS NULL;
