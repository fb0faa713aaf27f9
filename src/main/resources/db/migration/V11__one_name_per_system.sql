-- One name per system: Google Analytics is "google" everywhere (its egress route, metrics, hub.egress.*.google keys,
-- mappings/google), but erasure tasks, receipts and failed messages named it "google-analytics". Records of what
-- happened (audit log, replay run descriptions) stay as they were written.
update erasure_task set target = 'google' where target = 'google-analytics';
update failed_message set target = 'google' where target = 'google-analytics';
update failed_message set group_key = replace(group_key, 'google-analytics|', 'google|')
where group_key like 'google-analytics|%';
