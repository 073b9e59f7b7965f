import { extractHashtags } from './hashtags';

describe(extractHashtags.name, () => {
  it('gives the tags without "#", in order, repeats kept, case kept', () => {
    expect(extractHashtags('#MorataDimision otra vez #Volcan #MorataDimision')).toEqual(['MorataDimision', 'Volcan', 'MorataDimision']);
    expect(extractHashtags('#qatar2022 #Qatar2022')).toEqual(['qatar2022', 'Qatar2022']);
  });

  it('ends a tag at punctuation and allows punctuation before the "#"', () => {
    expect(extractHashtags('¡#Volcan! (#La_Palma), #sí.')).toEqual(['Volcan', 'La_Palma', 'sí']);
    expect(extractHashtags('#Volcan!')).not.toContain('Volcan!');
  });

  it('starts no tag inside a word, after another "#" or at a lone "#"', () => {
    expect(extractHashtags('C# a#b # ##x')).toEqual([]);
  });

  it('gives nothing for an empty line', () => {
    expect(extractHashtags('')).toEqual([]);
  });
});
