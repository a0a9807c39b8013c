"""Equal ownership: annual meetings, motions, one-member-one-vote ballots, elections, decisions (H5)."""
