// Progressive enhancements only: every form works without this file.
