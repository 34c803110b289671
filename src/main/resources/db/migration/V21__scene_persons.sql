-- Scene persons (reprocess step scenePersons): the persons a detector finds in a scene's thumbnail,
-- each crop's CLIP vector, and the owner's person it matches.
-- Additive, as every migration here: it also applies to the product's existing database.
-- lock_timeout: rather fail the migration (the next start applies it) than queue behind a long
-- query while every reader of video_scenes queues behind it.
SET lock_timeout = '10s';

-- Per detection: who made it (the detector's identity: format, model sha256, thresholds), at which
-- spec (the spec's fingerprint), and when it was last written. bbox holds x1, y1, x2, y2 in source
-- pixels, the detector's score, and the source image's width and height.
ALTER TABLE scene_person_embeddings ADD COLUMN IF NOT EXISTS detector jsonb;
ALTER TABLE scene_person_embeddings ADD COLUMN IF NOT EXISTS embedding_spec_fingerprint text;
ALTER TABLE scene_person_embeddings ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

-- Per scene: the step's last result (detections, matched, method fingerprint) or its failure
-- (error, error_detail, failed_at) beside the last result, like visual_clip_metadata. A constant
-- default-less jsonb column rewrites no rows.
ALTER TABLE video_scenes ADD COLUMN IF NOT EXISTS scene_persons_metadata jsonb;

-- Search by person (cosine, as the CLIP search) and the owner's detections for matching.
CREATE INDEX IF NOT EXISTS idx_scene_person_embeddings_embedding_hnsw
    ON scene_person_embeddings USING hnsw (embedding vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);
CREATE INDEX IF NOT EXISTS idx_scene_person_embeddings_owner ON scene_person_embeddings (owner_id, scene_id);
CREATE INDEX IF NOT EXISTS idx_scene_person_embeddings_person ON scene_person_embeddings (person_id)
    WHERE person_id IS NOT NULL;

-- Scenes in which a person appears: the person's query embedding against the detections of the
-- owner's scenes, cosine similarity = 1 - distance, the best detection per scene, best scenes first.
-- Tenant-safe like the CLIP search: filter_user_id is required, and a person of another owner
-- finds nothing. Exact over the owner's detections (idx_scene_person_embeddings_owner); the HNSW
-- index serves nearest-detection queries by vector (ORDER BY embedding <=> ... LIMIT n).
CREATE OR REPLACE FUNCTION search_scenes_by_person(
    person_id uuid,
    match_threshold float,
    match_count int,
    filter_user_id uuid
)
RETURNS TABLE (
    id uuid,
    video_id uuid,
    scene_index integer,
    thumbnail_url text,
    detection_id uuid,
    bbox jsonb,
    matched boolean,
    similarity float
)
LANGUAGE plpgsql STABLE
AS $$
DECLARE
    query vector(512);
BEGIN
    IF filter_user_id IS NULL THEN
        RAISE EXCEPTION 'filter_user_id is required: searches are scoped to one owner'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF search_scenes_by_person.person_id IS NULL THEN
        RAISE EXCEPTION 'person_id is required' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT p.query_embedding INTO query
    FROM persons p
    WHERE p.id = search_scenes_by_person.person_id AND p.owner_id = filter_user_id;
    IF query IS NULL THEN
        RETURN;
    END IF;
    RETURN QUERY
    WITH best AS (
        SELECT DISTINCT ON (d.scene_id) d.scene_id, d.id AS detection_id, d.bbox,
               d.person_id IS NOT DISTINCT FROM search_scenes_by_person.person_id AS matched,
               (1 - (d.embedding <=> query))::float AS similarity
        FROM scene_person_embeddings d
        WHERE d.owner_id = filter_user_id
          AND d.embedding IS NOT NULL
          AND 1 - (d.embedding <=> query) >= match_threshold
        ORDER BY d.scene_id, d.embedding <=> query
    )
    SELECT s.id, s.video_id, s.scene_index, s.thumbnail_url, b.detection_id, b.bbox, b.matched, b.similarity
    FROM best b
    JOIN video_scenes s ON s.id = b.scene_id AND s.owner_id = filter_user_id
    ORDER BY b.similarity DESC, s.id
    LIMIT GREATEST(match_count, 0);
END;
$$;
