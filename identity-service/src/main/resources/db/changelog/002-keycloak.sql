--liquibase formatted sql

--changeset stoa:identity-002-keycloak
-- Keycloak mode: the user's password lives in Keycloak; the row links to the Keycloak user by its id.
alter table users add column keycloak_id varchar(64);
create unique index users_keycloak_id on users (keycloak_id);
