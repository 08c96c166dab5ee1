"""Pages of the directory: `public` for everyone, `staff` for the people who keep it."""
