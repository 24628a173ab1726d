"""What each document says: one module per kind, each turning the model into its template's context."""
