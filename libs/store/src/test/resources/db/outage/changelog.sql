--liquibase formatted sql

--changeset stoa:outage-1
create table outage_probe (id integer primary key);
