-- Where an admin request came from (the client address as the servlet container sees it, forwarded headers applied).
alter table admin_audit add column client_address varchar(45);
