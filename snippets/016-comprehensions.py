# Topic: list, dict, set and generator comprehensions (with filters and nesting)
nums = range(1, 11)

squares = [n * n for n in nums]
evens = [n for n in nums if n % 2 == 0]
print(squares)
print(evens)

labels = ["even" if n % 2 == 0 else "odd" for n in range(5)]
print(labels)

word_lengths = {w: len(w) for w in ["kiwi", "fig", "mango"]}
print(word_lengths)

remainders = {n % 3 for n in nums}
print(sorted(remainders))

matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for row in matrix for i in range(len(row))])
print([[row[i] for row in matrix] for i in range(3)])

print(sum(n for n in nums if n % 3 == 0))
inverted = {v: k for k, v in word_lengths.items()}
print(inverted)
