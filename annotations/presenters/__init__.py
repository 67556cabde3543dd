"""What pages (and the documents pages and the API share) show, built from selector output: one
module per area. Presenters read through selectors and never write: no service is called here."""
