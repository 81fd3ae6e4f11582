/*
 * The request tracker's tables (src/live/requests): one row per VM pull
 * request, one per step it took (unique per request, step and cluster, so
 * two replicas or a restart record and notify a step once), and the last
 * availability seen per managed cluster (a transition is claimed by one
 * replica with a compare-and-set update).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('kubevirt_gitops_vm_requests', table => {
    table.comment('VM pull requests the product opened, tracked to their end');
    table.string('id', 400).primary().notNullable();
    table.string('repository', 300).notNullable();
    table.text('repo_url').notNullable();
    table.integer('pr_number').notNullable();
    table.text('pr_url').notNullable();
    table.text('pr_title').notNullable();
    table.text('pr_branch').notNullable();
    table.string('vm_name', 253).notNullable();
    table.string('entity_ref', 400).notNullable().index();
    table.string('operation', 40).notNullable();
    table.string('requester', 400).nullable();
    table.text('environments').notNullable();
    table.string('declared_state', 20).nullable();
    table.text('clusters').nullable();
    table.text('baseline_revisions').nullable();
    table.string('state', 20).notNullable();
    table.string('merge_commit_sha', 64).nullable();
    table.string('opened_at', 40).notNullable();
    table.string('merged_at', 40).nullable();
    table.bigInteger('pr_checked_at').nullable();
    table.index(['state'], 'kubevirt_gitops_vm_requests_state_idx');
  });
  await knex.schema.createTable('kubevirt_gitops_vm_request_steps', table => {
    table.comment(
      'The steps of a VM request, each recorded (and notified) once',
    );
    table
      .string('request_id', 400)
      .notNullable()
      .references('id')
      .inTable('kubevirt_gitops_vm_requests')
      .onDelete('CASCADE');
    table.string('step', 20).notNullable();
    table.string('cluster', 253).notNullable().defaultTo('');
    table.string('at', 40).notNullable();
    table.text('detail').nullable();
    table.primary(['request_id', 'step', 'cluster']);
  });
  await knex.schema.createTable(
    'kubevirt_gitops_cluster_availability',
    table => {
      table.comment(
        'The last availability the tracker saw per managed cluster',
      );
      table.string('cluster', 253).primary().notNullable();
      table.string('availability', 40).notNullable();
      table.string('changed_at', 40).notNullable();
    },
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('kubevirt_gitops_cluster_availability');
  await knex.schema.dropTable('kubevirt_gitops_vm_request_steps');
  await knex.schema.dropTable('kubevirt_gitops_vm_requests');
};
