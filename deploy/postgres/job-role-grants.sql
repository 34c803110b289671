-- What the jobs' role needs when the jobs run with DATABASE_MIGRATE=false: reading and updating
-- scenes, the text embedding cache, Spring Batch's JobRepository and reading Flyway's history (to
-- check that the schema is current). No DDL: the role needs no CREATE on any schema, owns nothing.
-- Run it as the migrating role (the tables' owner) after `migrate`, once per database:
--   psql "$MIGRATOR_DATABASE_URL" -v jobs_role=scene_embedding_jobs -f deploy/postgres/job-role-grants.sql
-- and again after a release whose migrations add tables (jobs.md, Least privilege).

GRANT USAGE ON SCHEMA public TO :"jobs_role";

-- Scenes: the readers select pending rows, the writers update embeddings and metadata.
GRANT SELECT, UPDATE ON video_scenes TO :"jobs_role";

-- reprocess: videos in scope and their spec version, persons and their reference photos (vectors,
-- metadata, query embeddings).
GRANT SELECT, UPDATE ON videos, persons, person_reference_photos TO :"jobs_role";

-- reprocess's scenePersons step: a scene's detections replaced (ids kept for boxes found again),
-- matched and re-matched to persons.
GRANT SELECT, INSERT, UPDATE, DELETE ON scene_person_embeddings TO :"jobs_role";

-- The lexical index's PostgreSQL back end: the search documents, what was indexed where, and the
-- text-search configuration the documents were built with (status reads the coverage too).
GRANT SELECT, INSERT, UPDATE, DELETE ON scene_search_documents, scene_lexical_index TO :"jobs_role";
GRANT SELECT, UPDATE ON lexical_search_settings TO :"jobs_role";

-- textBackfill's cache: looked up, filled, and expired entries deleted (EMBEDDING_CACHE_DELETE_EXPIRED).
GRANT SELECT, INSERT, UPDATE, DELETE ON text_embedding_cache TO :"jobs_role";

-- Spring Batch's JobRepository: executions, parameters, contexts (checkpoint and restart).
GRANT SELECT, INSERT, UPDATE, DELETE ON
  batch_job_instance, batch_job_execution, batch_job_execution_params, batch_job_execution_context,
  batch_step_execution, batch_step_execution_context
  TO :"jobs_role";
GRANT USAGE, SELECT ON SEQUENCE batch_job_instance_seq, batch_job_execution_seq, batch_step_execution_seq
  TO :"jobs_role";

-- Flyway's history, read to refuse a start on a schema that lacks this release's migrations.
GRANT SELECT ON flyway_schema_history TO :"jobs_role";
