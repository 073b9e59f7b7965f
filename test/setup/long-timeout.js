// Server-backed tests wait on real servers and processes, with their own deadlines.
jest.setTimeout(600000);
