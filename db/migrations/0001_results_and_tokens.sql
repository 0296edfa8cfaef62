CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"dataset_id" uuid,
	"dataset_name" text NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"job_id" uuid,
	"error" text,
	"metrics" jsonb,
	"result" jsonb,
	"storage_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "predictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_id" uuid NOT NULL,
	"model_id" uuid NOT NULL,
	"dataset_id" uuid,
	"dataset_name" text NOT NULL,
	"status" text DEFAULT 'QUEUED' NOT NULL,
	"job_id" uuid,
	"error" text,
	"result" jsonb,
	"storage_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_owner_idx" ON "api_tokens" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "evaluations_owner_idx" ON "evaluations" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "predictions_owner_idx" ON "predictions" USING btree ("owner_id","created_at");--> statement-breakpoint
-- Keeps the status of what a job works for (a model in training, an evaluation, a batch
-- prediction) in step with the job, whoever changes the job: the worker, the reaper that fails
-- jobs of dead workers, or a user cancelling a queued job. COMPLETED is set by the job's handler,
-- together with the result it stores.
CREATE FUNCTION jobs_sync_resource() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.resource_id IS NULL OR NEW.status NOT IN ('RUNNING', 'FAILED', 'CANCELLED') THEN
    RETURN NEW;
  END IF;
  IF NEW.kind = 'train' AND NEW.status <> 'RUNNING' THEN
    UPDATE models SET status = NEW.status, error = NEW.error
      WHERE id = NEW.resource_id AND status = 'TRAINING';
  ELSIF NEW.kind = 'evaluate' THEN
    UPDATE evaluations SET status = NEW.status, error = NEW.error,
        finished_at = CASE WHEN NEW.status = 'RUNNING' THEN NULL ELSE now() END
      WHERE id = NEW.resource_id AND status IN ('QUEUED', 'RUNNING');
  ELSIF NEW.kind = 'predict' THEN
    UPDATE predictions SET status = NEW.status, error = NEW.error,
        finished_at = CASE WHEN NEW.status = 'RUNNING' THEN NULL ELSE now() END
      WHERE id = NEW.resource_id AND status IN ('QUEUED', 'RUNNING');
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER jobs_sync_resource AFTER UPDATE OF status ON jobs
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION jobs_sync_resource();
